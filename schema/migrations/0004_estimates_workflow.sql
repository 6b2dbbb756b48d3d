CREATE TABLE `estimate_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`estimate_id` text NOT NULL,
	`version` integer NOT NULL,
	`contact_id` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`signed_name` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`optional_item_ids` text DEFAULT '[]' NOT NULL,
	`totals` text NOT NULL,
	`content_sha256` text NOT NULL,
	`idempotency_key` text,
	`approved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `estimate_approvals_tenant_estimate_uq` ON `estimate_approvals` (`tenant_id`,`estimate_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `estimate_approvals_tenant_idempotency_uq` ON `estimate_approvals` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `estimate_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`estimate_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`message` text NOT NULL,
	`version` integer,
	`data` text,
	`visible_to_customer` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `estimate_events_tenant_estimate_created_idx` ON `estimate_events` (`tenant_id`,`estimate_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `estimate_views` (
	`tenant_id` text NOT NULL,
	`estimate_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`version` integer NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `estimate_id`, `contact_id`)
);
--> statement-breakpoint
CREATE TABLE `quote_request_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`quote_request_id` text NOT NULL,
	`uploaded_by_id` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quote_request_photos_tenant_request_idx` ON `quote_request_photos` (`tenant_id`,`quote_request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `quote_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text,
	`contact_id` text NOT NULL,
	`location_id` text,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`preferred_from` text,
	`preferred_to` text,
	`description` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quote_requests_tenant_created_idx` ON `quote_requests` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `quote_requests_tenant_contact_created_idx` ON `quote_requests` (`tenant_id`,`contact_id`,`created_at`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_estimates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`account_id` text NOT NULL,
	`contact_id` text,
	`location_id` text,
	`quote_request_id` text,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`currency` text NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`tax_rate_bps` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`sent_at` integer,
	`decided_at` integer,
	`decided_by_contact_id` text,
	`rejection_reason` text,
	`job_id` text,
	`update_requested_at` integer,
	`update_requested_version` integer,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Only the columns the old table had. `expired` and `booked` are derived now (from expires_at and
-- job_id), so they are stored as what they were derived from; an estimate with no account was no one's.
INSERT INTO `__new_estimates`("id", "tenant_id", "number", "account_id", "contact_id", "title", "status", "currency", "current_version", "total_minor", "expires_at", "decided_at", "decided_by_contact_id", "rejection_reason", "job_id", "created_at", "updated_at") SELECT "id", "tenant_id", "number", "account_id", "contact_id", "title", CASE "status" WHEN 'expired' THEN 'sent' WHEN 'booked' THEN 'approved' ELSE "status" END, "currency", "current_version", "total_minor", "expires_at", "decided_at", "decided_by_contact_id", "rejection_reason", "job_id", "created_at", "updated_at" FROM `estimates` WHERE "account_id" IS NOT NULL;--> statement-breakpoint
DROP TABLE `estimates`;--> statement-breakpoint
ALTER TABLE `__new_estimates` RENAME TO `estimates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `estimates_tenant_number_uq` ON `estimates` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_account_created_idx` ON `estimates` (`tenant_id`,`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_contact_created_idx` ON `estimates` (`tenant_id`,`contact_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_location_created_idx` ON `estimates` (`tenant_id`,`location_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_created_idx` ON `estimates` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_status_created_idx` ON `estimates` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_quote_request_idx` ON `estimates` (`tenant_id`,`quote_request_id`);--> statement-breakpoint
ALTER TABLE `inbox_alerts` ADD `quote_request_id` text;--> statement-breakpoint
ALTER TABLE `estimate_comments` ADD `author_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_comments` ADD `line_item_id` text;--> statement-breakpoint
ALTER TABLE `estimate_comments` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_comments` DROP COLUMN `parent_id`;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `discount_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `tax_rate_bps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `optional_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `terms` text;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `created_by_label` text;--> statement-breakpoint
ALTER TABLE `estimate_versions` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `line_items` ADD `estimate_id` text;--> statement-breakpoint
ALTER TABLE `line_items` ADD `line_id` text;--> statement-breakpoint
ALTER TABLE `line_items` ADD `optional` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `line_items_tenant_estimate_idx` ON `line_items` (`tenant_id`,`estimate_id`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `estimate_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_tenant_estimate_uq` ON `jobs` (`tenant_id`,`estimate_id`);