-- Live updates (src/data/live.ts): every change that may alter what a page shows is announced on
-- channel post_changes. NOTIFY is delivered at commit, in commit order, and never for a rolled-back
-- transaction. The payload holds ids and whether the post is or was public (published, not deleted);
-- the app's /api/live route decides whom to tell, so a draft is announced to its author alone.
CREATE FUNCTION "notify_post_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('post_changes', json_build_object(
		'postId', NEW.id,
		'authorId', NEW.author_id,
		'public', (NEW.published AND NEW.deleted_at IS NULL)
			OR coalesce(TG_OP = 'UPDATE' AND OLD.published AND OLD.deleted_at IS NULL, false)
	)::text);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "posts_notify_change" AFTER INSERT OR UPDATE ON "posts"
	FOR EACH ROW EXECUTE FUNCTION "notify_post_change"();
--> statement-breakpoint
-- Tags change in sets: one notification per post and statement, not one per tag.
CREATE FUNCTION "notify_post_tags_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('post_changes', json_build_object(
		'postId', p.id,
		'authorId', p.author_id,
		'public', p.published AND p.deleted_at IS NULL
	)::text)
	FROM "posts" p
	WHERE p.id IN (SELECT DISTINCT post_id FROM changed);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "post_tags_notify_insert" AFTER INSERT ON "post_tags"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_post_tags_change"();
--> statement-breakpoint
CREATE TRIGGER "post_tags_notify_delete" AFTER DELETE ON "post_tags"
	REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_post_tags_change"();
