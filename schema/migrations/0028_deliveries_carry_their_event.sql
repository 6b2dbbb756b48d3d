ALTER TABLE `webhook_deliveries` ADD `type` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `payload` text;