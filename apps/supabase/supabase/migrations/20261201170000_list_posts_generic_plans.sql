-- list_posts' two queries without a tag are one index range whatever the arguments, yet PL/pgSQL
-- planned them again on every call: with the page size a parameter, the generic plan's estimate
-- looks costlier than a custom one. Planning cost almost as much as reading the page (0.35 of
-- 1.1 ms for the feed at 100k posts). The tag branch still plans each call with its tag: EXECUTE
-- never reuses a plan.
alter function public.list_posts(uuid, text, timestamptz, uuid, integer)
  set plan_cache_mode = force_generic_plan;
