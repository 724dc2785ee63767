-- Triggers keep the derived read data that listPosts-by-tag and listTags need, so the data layer's
-- writes stay as they are: tagged_posts (the live posts under each tag, in feed order) and
-- tags.post_count (published, live posts per tag). Derived data only: the rules stay in the data layer.

-- A new link of a live post lists the post under the tag.
CREATE FUNCTION "tagged_posts_link"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  INSERT INTO tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
  SELECT NEW.tag_id, t.name, p.id, p.author_id, p.published, p.created_at
  FROM posts p, tags t
  WHERE p.id = NEW.post_id AND p.deleted_at IS NULL AND t.id = NEW.tag_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "post_tags_list_post" AFTER INSERT ON "post_tags"
  FOR EACH ROW EXECUTE FUNCTION "tagged_posts_link"();
--> statement-breakpoint
-- Deleting a post hides it from its tags, restoring it lists it again, publishing flips the flag.
-- (An unlinked tag or a hard-deleted post takes its rows along through the foreign key.)
CREATE FUNCTION "tagged_posts_follow_post"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
    DELETE FROM tagged_posts WHERE post_id = NEW.id;
  ELSIF NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN
    INSERT INTO tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
    SELECT pt.tag_id, t.name, NEW.id, NEW.author_id, NEW.published, NEW.created_at
    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.post_id = NEW.id
    ORDER BY pt.tag_id;
  ELSIF NEW.published IS DISTINCT FROM OLD.published THEN
    UPDATE tagged_posts SET published = NEW.published WHERE post_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "posts_follow_in_tagged_posts" AFTER UPDATE OF "published", "deleted_at" ON "posts"
  FOR EACH ROW EXECUTE FUNCTION "tagged_posts_follow_post"();
--> statement-breakpoint
-- A published row entering or leaving tagged_posts moves its tag's count. Rows of one statement
-- arrive in tag id order (links are inserted so, the rest is read by the primary key), so
-- concurrent writes lock the tags rows in one order.
CREATE FUNCTION "tags_count_tagged_posts"() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.published THEN
    UPDATE tags SET post_count = post_count - 1 WHERE id = OLD.tag_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.published THEN
    UPDATE tags SET post_count = post_count + 1 WHERE id = NEW.tag_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "tagged_posts_count" AFTER INSERT OR DELETE OR UPDATE OF "published" ON "tagged_posts"
  FOR EACH ROW EXECUTE FUNCTION "tags_count_tagged_posts"();
--> statement-breakpoint
-- Existing data: list every live post's links; the count trigger above counts them.
INSERT INTO "tagged_posts" ("tag_id", "tag", "post_id", "author_id", "published", "created_at")
SELECT pt.tag_id, t.name, p.id, p.author_id, p.published, p.created_at
FROM "post_tags" pt JOIN "posts" p ON p.id = pt.post_id JOIN "tags" t ON t.id = pt.tag_id
WHERE p.deleted_at IS NULL
ORDER BY pt.tag_id;
