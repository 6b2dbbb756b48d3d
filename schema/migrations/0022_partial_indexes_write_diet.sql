DROP INDEX `webhook_deliveries_state_next_idx`;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_open_next_idx` ON `webhook_deliveries` (`next_attempt_at`) WHERE state IN ('pending', 'retrying');--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_webhook_events` (
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_webhook_events`("id", "tenant_id", "type", "payload", "created_at") SELECT "id", "tenant_id", "type", "payload", "created_at" FROM `webhook_events`;--> statement-breakpoint
DROP TABLE `webhook_events`;--> statement-breakpoint
ALTER TABLE `__new_webhook_events` RENAME TO `webhook_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
DROP INDEX `audit_log_tenant_actor_created_id_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor_created_id_idx` ON `audit_log` (`tenant_id`,`actor_id`,`created_at`,`id`) WHERE actor_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `jobs_tenant_idempotency_uq`;--> statement-breakpoint
DROP INDEX `jobs_tenant_estimate_uq`;--> statement-breakpoint
DROP INDEX `jobs_tenant_technician_status_updated_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_tenant_idempotency_uq` ON `jobs` (`tenant_id`,`idempotency_key`) WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_tenant_estimate_uq` ON `jobs` (`tenant_id`,`estimate_id`) WHERE estimate_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_tenant_technician_status_updated_idx` ON `jobs` (`tenant_id`,`technician_id`,`status`,`updated_at`) WHERE technician_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `notifications_tenant_dedupe_uq`;--> statement-breakpoint
DROP INDEX `notifications_unenqueued_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_tenant_dedupe_uq` ON `notifications` (`tenant_id`,`dedupe_key`) WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `notifications_unenqueued_idx` ON `notifications` (`created_at`) WHERE enqueued_at IS NULL;