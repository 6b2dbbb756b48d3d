CREATE TABLE `contact_locations` (
	`tenant_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`location_id` text NOT NULL,
	PRIMARY KEY(`contact_id`, `location_id`)
);
--> statement-breakpoint
CREATE INDEX `contact_locations_tenant_location_idx` ON `contact_locations` (`tenant_id`,`location_id`);--> statement-breakpoint
CREATE TABLE `join_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_contact_id` text,
	`decided_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `join_requests_tenant_account_idx` ON `join_requests` (`tenant_id`,`account_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `join_requests_tenant_email_uq` ON `join_requests` (`tenant_id`,`email_normalized`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `email_domain` text;--> statement-breakpoint
CREATE INDEX `accounts_tenant_domain_idx` ON `accounts` (`tenant_id`,`email_domain`);--> statement-breakpoint
ALTER TABLE `locations` ADD `default_contact_id` text;--> statement-breakpoint
ALTER TABLE `locations` ADD `notes` text;--> statement-breakpoint
-- Every contact of a location so far is scoped to it.
INSERT OR IGNORE INTO `contact_locations` (`tenant_id`, `contact_id`, `location_id`) SELECT `tenant_id`, `id`, `location_id` FROM `contacts` WHERE `location_id` IS NOT NULL;