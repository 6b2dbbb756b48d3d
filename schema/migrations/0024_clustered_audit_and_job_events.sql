-- Written by drizzle-kit; WITHOUT ROWID added to both CREATE TABLE statements by hand (README,
-- "Schema changes"): the tables stay stored in their keys' order, the key now being the index
-- each was read by.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`target_name` text,
	`ip` text,
	`user_agent` text,
	`data` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `created_at`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_audit_log`("id", "tenant_id", "actor_type", "actor_id", "actor_label", "action", "target_type", "target_id", "target_name", "ip", "user_agent", "data", "created_at") SELECT "id", "tenant_id", "actor_type", "actor_id", "actor_label", "action", "target_type", "target_id", "target_name", "ip", "user_agent", "data", "created_at" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action_created_id_idx` ON `audit_log` (`tenant_id`,`action`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor_created_id_idx` ON `audit_log` (`tenant_id`,`actor_id`,`created_at`,`id`) WHERE actor_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_job_events` (
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`message` text,
	`data` text,
	`visible_to_customer` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `job_id`, `created_at`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_job_events`("id", "tenant_id", "job_id", "type", "actor_type", "actor_id", "actor_label", "message", "data", "visible_to_customer", "created_at") SELECT "id", "tenant_id", "job_id", "type", "actor_type", "actor_id", "actor_label", "message", "data", "visible_to_customer", "created_at" FROM `job_events`;--> statement-breakpoint
DROP TABLE `job_events`;--> statement-breakpoint
ALTER TABLE `__new_job_events` RENAME TO `job_events`;