DROP INDEX `jobs_tenant_technician_status_idx`;--> statement-breakpoint
DROP INDEX `jobs_tenant_email_created_idx`;--> statement-breakpoint
DROP INDEX `jobs_tenant_account_created_idx`;--> statement-breakpoint
DROP INDEX `jobs_tenant_contact_created_idx`;--> statement-breakpoint
CREATE INDEX `jobs_tenant_technician_status_updated_idx` ON `jobs` (`tenant_id`,`technician_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_status_updated_idx` ON `jobs` (`tenant_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_email_created_idx` ON `jobs` (`tenant_id`,`customer_email_normalized`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_account_created_idx` ON `jobs` (`tenant_id`,`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_contact_created_idx` ON `jobs` (`tenant_id`,`contact_id`,`created_at`,`id`);