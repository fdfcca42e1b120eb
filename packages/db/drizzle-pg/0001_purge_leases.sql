CREATE TABLE "team_purges" (
	"team_id" text PRIMARY KEY NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "account_purges" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "account_purges" ADD COLUMN "claimed_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "team_purges" ADD CONSTRAINT "team_purges_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Teams an organisation admin deleted before this migration get their purge row; a team deleted with its only member's account (still a member, deleted) is part of that account's purge.
INSERT INTO "team_purges" ("team_id", "requested_at")
SELECT e."id", e."deleted_at" FROM "entities" e INNER JOIN "teams" t ON t."id" = e."id"
WHERE e."kind" = 'team' AND e."deleted_at" IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM "team_members" m INNER JOIN "users" u ON u."id" = m."user_id"
  WHERE m."team_id" = e."id" AND u."deleted_at" IS NOT NULL
);
