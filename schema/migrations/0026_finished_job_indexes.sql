DROP INDEX `jobs_tenant_status_created_idx`;--> statement-breakpoint
DROP INDEX `jobs_tenant_technician_status_updated_idx`;--> statement-breakpoint
DROP INDEX `jobs_tenant_status_updated_idx`;--> statement-breakpoint
CREATE INDEX `jobs_tenant_finished_updated_idx` ON `jobs` (`tenant_id`,`status`,`updated_at`) WHERE status IN ('completed', 'cancelled');--> statement-breakpoint
CREATE INDEX `jobs_tenant_technician_completed_idx` ON `jobs` (`tenant_id`,`technician_id`,`updated_at`) WHERE status = 'completed' AND technician_id IS NOT NULL;