-- Custom migration (drizzle-kit generate --custom): the tables written on every booking, status
-- change, notification and webhook become WITHOUT ROWID tables, stored in their primary key's
-- order. A rowid table keeps its primary key in a separate index, so each insert wrote two rows
-- before any other index; here it writes one (D1 bills rows written, index rows included).
-- drizzle-kit does not model WITHOUT ROWID: a later migration that rebuilds one of these tables
-- must keep it (test/worker/write-costs.test.ts fails otherwise).
-- Each table is rebuilt with its columns in their present order, then its indexes and triggers.
CREATE TABLE `__new_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`job_id` text,
	`estimate_id` text,
	`invoice_id` text,
	`origin` text,
	`data` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`enqueued_at` integer
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_notifications` SELECT * FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_tenant_dedupe_uq` ON `notifications` (`tenant_id`,`dedupe_key`) WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `notifications_tenant_job_idx` ON `notifications` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unenqueued_idx` ON `notifications` (`created_at`) WHERE enqueued_at IS NULL;--> statement-breakpoint
CREATE TABLE `__new_notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`notification_id` text NOT NULL,
	`job_id` text,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`contact_id` text,
	`staff_id` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`dead_at` integer,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	`created_at` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_notification_deliveries` SELECT * FROM `notification_deliveries`;--> statement-breakpoint
DROP TABLE `notification_deliveries`;--> statement-breakpoint
ALTER TABLE `__new_notification_deliveries` RENAME TO `notification_deliveries`;--> statement-breakpoint
CREATE UNIQUE INDEX `notification_deliveries_recipient_uq` ON `notification_deliveries` (`notification_id`,`email_normalized`);--> statement-breakpoint
CREATE INDEX `notification_deliveries_tenant_job_idx` ON `notification_deliveries` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_webhook_events` (
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_webhook_events` SELECT * FROM `webhook_events`;--> statement-breakpoint
DROP TABLE `webhook_events`;--> statement-breakpoint
ALTER TABLE `__new_webhook_events` RENAME TO `webhook_events`;--> statement-breakpoint
CREATE TABLE `__new_webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`enqueued_at` integer,
	`last_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_webhook_deliveries` SELECT * FROM `webhook_deliveries`;--> statement-breakpoint
DROP TABLE `webhook_deliveries`;--> statement-breakpoint
ALTER TABLE `__new_webhook_deliveries` RENAME TO `webhook_deliveries`;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_created_idx` ON `webhook_deliveries` (`tenant_id`,`endpoint_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_open_next_idx` ON `webhook_deliveries` (`next_attempt_at`) WHERE state IN ('pending', 'retrying');--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`ip` text,
	`user_agent` text,
	`data` text,
	`created_at` integer NOT NULL
, `target_name` text) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_audit_log` SELECT * FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action_created_id_idx` ON `audit_log` (`tenant_id`,`action`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor_created_id_idx` ON `audit_log` (`tenant_id`,`actor_id`,`created_at`,`id`) WHERE actor_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_tenant_created_id_idx` ON `audit_log` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `__new_job_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`message` text,
	`data` text,
	`visible_to_customer` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_job_events` SELECT * FROM `job_events`;--> statement-breakpoint
DROP TABLE `job_events`;--> statement-breakpoint
ALTER TABLE `__new_job_events` RENAME TO `job_events`;--> statement-breakpoint
CREATE INDEX `job_events_tenant_job_created_idx` ON `job_events` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_job_stops` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`contact_name` text,
	`contact_phone` text,
	`window_start` integer,
	`window_end` integer,
	`instructions` text,
	`arrived_at` integer,
	`completed_at` integer
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_job_stops` SELECT * FROM `job_stops`;--> statement-breakpoint
DROP TABLE `job_stops`;--> statement-breakpoint
ALTER TABLE `__new_job_stops` RENAME TO `job_stops`;--> statement-breakpoint
CREATE UNIQUE INDEX `job_stops_tenant_job_seq_uq` ON `job_stops` (`tenant_id`,`job_id`,`seq`);--> statement-breakpoint
CREATE TABLE `__new_job_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`created_at` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_job_contacts` SELECT * FROM `job_contacts`;--> statement-breakpoint
DROP TABLE `job_contacts`;--> statement-breakpoint
ALTER TABLE `__new_job_contacts` RENAME TO `job_contacts`;--> statement-breakpoint
CREATE UNIQUE INDEX `job_contacts_job_email_uq` ON `job_contacts` (`tenant_id`,`job_id`,`email_normalized`);--> statement-breakpoint
CREATE TABLE `__new_job_completions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`technician_id` text NOT NULL,
	`technician_name` text NOT NULL,
	`outcome` text NOT NULL,
	`recipient_name` text,
	`signature_key` text,
	`photo_ids` text DEFAULT '[]' NOT NULL,
	`note` text,
	`failure_reason` text,
	`failure_text` text,
	`work_done` text,
	`parts` text DEFAULT '[]' NOT NULL,
	`place` text,
	`report_key` text,
	`created_at` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_job_completions` SELECT * FROM `job_completions`;--> statement-breakpoint
DROP TABLE `job_completions`;--> statement-breakpoint
ALTER TABLE `__new_job_completions` RENAME TO `job_completions`;--> statement-breakpoint
CREATE INDEX `job_completions_tenant_job_created_idx` ON `job_completions` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_idempotency_records` (
	`tenant_id` text NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`resource_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `scope`, `key`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_idempotency_records` SELECT * FROM `idempotency_records`;--> statement-breakpoint
DROP TABLE `idempotency_records`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_records` RENAME TO `idempotency_records`;--> statement-breakpoint
CREATE TABLE `__new_tenant_usage_days` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`emails` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_tenant_usage_days` SELECT * FROM `tenant_usage_days`;--> statement-breakpoint
DROP TABLE `tenant_usage_days`;--> statement-breakpoint
ALTER TABLE `__new_tenant_usage_days` RENAME TO `tenant_usage_days`;--> statement-breakpoint
CREATE TABLE `__new_recent_places` (
	`tenant_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`address_key` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`contact_name` text,
	`contact_phone` text,
	`instructions` text,
	`last_used_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `contact_id`, `address_key`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_recent_places` SELECT * FROM `recent_places`;--> statement-breakpoint
DROP TABLE `recent_places`;--> statement-breakpoint
ALTER TABLE `__new_recent_places` RENAME TO `recent_places`;--> statement-breakpoint
CREATE INDEX `recent_places_tenant_contact_used_idx` ON `recent_places` (`tenant_id`,`contact_id`,`last_used_at`);--> statement-breakpoint
CREATE TABLE `__new_inbox_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`job_id` text,
	`estimate_id` text,
	`invoice_id` text,
	`account_id` text,
	`contact_id` text,
	`title` text NOT NULL,
	`body` text,
	`read_at` integer,
	`read_by` text,
	`created_at` integer NOT NULL
, `quote_request_id` text) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_inbox_alerts` SELECT * FROM `inbox_alerts`;--> statement-breakpoint
DROP TABLE `inbox_alerts`;--> statement-breakpoint
ALTER TABLE `__new_inbox_alerts` RENAME TO `inbox_alerts`;--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_created_id_idx` ON `inbox_alerts` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_unread_id_idx` ON `inbox_alerts` (`tenant_id`,`read_at`,`created_at`,`id`);--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_delete` AFTER DELETE ON `inbox_alerts`
WHEN OLD.`read_at` IS NULL
BEGIN
	UPDATE `inbox_unread_counts` SET `unread` = `unread` - 1 WHERE `tenant_id` = OLD.`tenant_id`;
END;--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_insert` AFTER INSERT ON `inbox_alerts`
WHEN NEW.`read_at` IS NULL
BEGIN
	INSERT INTO `inbox_unread_counts` (`tenant_id`, `unread`) VALUES (NEW.`tenant_id`, 1)
	ON CONFLICT (`tenant_id`) DO UPDATE SET `unread` = `unread` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_update` AFTER UPDATE OF `read_at`, `tenant_id` ON `inbox_alerts`
WHEN (OLD.`read_at` IS NULL) <> (NEW.`read_at` IS NULL) OR OLD.`tenant_id` <> NEW.`tenant_id`
BEGIN
	UPDATE `inbox_unread_counts` SET `unread` = `unread` - 1
	WHERE OLD.`read_at` IS NULL AND `tenant_id` = OLD.`tenant_id`;
	INSERT INTO `inbox_unread_counts` (`tenant_id`, `unread`) SELECT NEW.`tenant_id`, 1 WHERE NEW.`read_at` IS NULL
	ON CONFLICT (`tenant_id`) DO UPDATE SET `unread` = `unread` + 1;
END;
