CREATE TABLE `team_purges` (
	`team_id` text PRIMARY KEY NOT NULL,
	`requested_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `account_purges` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `account_purges` ADD `claimed_until` integer;--> statement-breakpoint
-- Teams an organisation admin deleted before this migration get their purge row; a team deleted with its only member's account (still a member, deleted) is part of that account's purge.
INSERT INTO `team_purges` (`team_id`, `requested_at`)
SELECT e.`id`, e.`deleted_at` FROM `entities` e INNER JOIN `teams` t ON t.`id` = e.`id`
WHERE e.`kind` = 'team' AND e.`deleted_at` IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM `team_members` m INNER JOIN `users` u ON u.`id` = m.`user_id`
  WHERE m.`team_id` = e.`id` AND u.`deleted_at` IS NOT NULL
);
