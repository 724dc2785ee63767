CREATE TABLE "tagged_posts" (
	"tag_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"post_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"published" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "tagged_posts_post_id_tag_id_pk" PRIMARY KEY("post_id","tag_id")
);
--> statement-breakpoint
DROP INDEX "users_email_lower_key";--> statement-breakpoint
DROP INDEX "posts_feed_idx";--> statement-breakpoint
DROP INDEX "posts_author_id_idx";--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "post_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tagged_posts" ADD CONSTRAINT "tagged_posts_post_id_tag_id_post_tags_post_id_tag_id_fk" FOREIGN KEY ("post_id","tag_id") REFERENCES "public"."post_tags"("post_id","tag_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tagged_posts_feed_idx" ON "tagged_posts" USING btree ("tag","created_at" DESC NULLS FIRST,"post_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tagged_posts_author_feed_idx" ON "tagged_posts" USING btree ("tag","author_id","created_at" DESC NULLS FIRST,"post_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tags_post_count_idx" ON "tags" USING btree ("post_count" DESC NULLS FIRST,"name") WHERE "tags"."post_count" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "posts_feed_idx" ON "posts" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "posts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "posts_author_id_idx" ON "posts" USING btree ("author_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);