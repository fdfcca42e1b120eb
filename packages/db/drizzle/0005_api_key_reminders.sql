ALTER TABLE `api_keys` ADD `expiry_reminder_sent_at` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expiry_notice_sent_at` integer;--> statement-breakpoint
CREATE INDEX `api_keys_expires_at` ON `api_keys` (`expires_at`);