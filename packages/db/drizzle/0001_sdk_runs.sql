CREATE TABLE `run_files` (
	`run_id` text NOT NULL,
	`path` text NOT NULL,
	`size` integer NOT NULL,
	`digest` text NOT NULL,
	`storage_object_id` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `path`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`storage_object_id`) REFERENCES `storage_objects`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- SQLite cannot add a NOT NULL column without a default; runs created before this migration
-- get their server id (without dashes) as their run ID, which is unique.
ALTER TABLE `runs` ADD `run_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `runs` SET `run_id` = replace(`id`, '-', '');--> statement-breakpoint
ALTER TABLE `runs` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `host` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `program` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `group_name` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `job_type` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `commit` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `config` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `summary_metrics` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `history_line_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `runs_project_run_id` ON `runs` (`project_id`,`run_id`);