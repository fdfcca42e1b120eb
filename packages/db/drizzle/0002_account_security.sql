CREATE TABLE `user_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_tokens_user_purpose` ON `user_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `user_tokens_expires` ON `user_tokens` (`expires_at`);--> statement-breakpoint
-- An installation made before this migration ran with public projects and code saving allowed
-- (the old default, when no admin had chosen): keep that choice. Fresh installs start with both off.
INSERT INTO `org_settings`(`id`, `allow_public_projects`, `allow_code_saving`)
  SELECT 1, 1, 1 WHERE EXISTS (SELECT 1 FROM `users`) AND NOT EXISTS (SELECT 1 FROM `org_settings`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_org_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`allow_public_projects` integer DEFAULT false NOT NULL,
	`allow_code_saving` integer DEFAULT false NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
INSERT INTO `__new_org_settings`("id", "allow_public_projects", "allow_code_saving", "updated_at") SELECT "id", "allow_public_projects", "allow_code_saving", "updated_at" FROM `org_settings`;--> statement-breakpoint
DROP TABLE `org_settings`;--> statement-breakpoint
ALTER TABLE `__new_org_settings` RENAME TO `org_settings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
-- SQLite cannot add a NOT NULL column without a default: existing sessions get a random id.
ALTER TABLE `sessions` ADD `id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `sessions` SET `id` = lower(hex(randomblob(16)));--> statement-breakpoint
ALTER TABLE `sessions` ADD `address` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_id` ON `sessions` (`id`);