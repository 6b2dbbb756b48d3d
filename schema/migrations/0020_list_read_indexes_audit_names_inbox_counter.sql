CREATE TABLE `inbox_unread_counts` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`unread` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX `audit_log_tenant_created_idx`;--> statement-breakpoint
DROP INDEX `audit_log_tenant_action_created_idx`;--> statement-breakpoint
DROP INDEX `audit_log_tenant_actor_created_idx`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `target_name` text;--> statement-breakpoint
CREATE INDEX `audit_log_tenant_created_id_idx` ON `audit_log` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action_created_id_idx` ON `audit_log` (`tenant_id`,`action`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor_created_id_idx` ON `audit_log` (`tenant_id`,`actor_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `inbox_alerts_tenant_created_idx`;--> statement-breakpoint
DROP INDEX `inbox_alerts_tenant_unread_idx`;--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_created_id_idx` ON `inbox_alerts` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_unread_id_idx` ON `inbox_alerts` (`tenant_id`,`read_at`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `jobs_tenant_email_created_idx`;--> statement-breakpoint
CREATE INDEX `jobs_tenant_email_contact_created_idx` ON `jobs` (`tenant_id`,`customer_email_normalized`,`contact_id`,`created_at`,`id`);