CREATE TABLE `api_key_addresses` (
	`key_id` text NOT NULL,
	`address` text NOT NULL,
	`user_agent` text,
	`first_used_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	PRIMARY KEY(`key_id`, `address`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `api_key_addresses_recent` ON `api_key_addresses` (`key_id`,`last_used_at`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `scope` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `revoked_reason` text;--> statement-breakpoint
ALTER TABLE `org_settings` ADD `max_api_key_lifetime_days` integer;