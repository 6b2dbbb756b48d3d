CREATE TABLE `shard_directory` (
	`slug` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`shard` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shard_directory_tenant_idx` ON `shard_directory` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `shard_directory_shard_idx` ON `shard_directory` (`shard`);