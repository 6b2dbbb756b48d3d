CREATE TABLE `tenant_sign_ups` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`email_normalized` text NOT NULL,
	`email_domain` text NOT NULL,
	`sign_in_token_id` text NOT NULL,
	`ip` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer
);
--> statement-breakpoint
CREATE INDEX `tenant_sign_ups_token_idx` ON `tenant_sign_ups` (`sign_in_token_id`);--> statement-breakpoint
CREATE TABLE `tenant_usage_days` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`emails` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`)
);
--> statement-breakpoint
ALTER TABLE `tenants` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `suspended_at` integer;