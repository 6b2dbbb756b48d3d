CREATE TABLE `recent_places` (
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
);
--> statement-breakpoint
CREATE INDEX `recent_places_tenant_contact_used_idx` ON `recent_places` (`tenant_id`,`contact_id`,`last_used_at`);--> statement-breakpoint
-- Filled from the jobs booked so far: one row per contact and address, with its last use (SQLite
-- takes the bare columns from the row that holds the MAX).
INSERT INTO `recent_places` (`tenant_id`, `contact_id`, `address_key`, `line1`, `line2`, `city`, `region`, `postal_code`, `country`, `lat_e6`, `lng_e6`, `contact_name`, `contact_phone`, `instructions`, `last_used_at`)
SELECT j.`tenant_id`, j.`contact_id`, lower(trim(s.`line1`) || '|' || trim(s.`city`)), s.`line1`, s.`line2`, s.`city`, s.`region`, s.`postal_code`, s.`country`, s.`lat_e6`, s.`lng_e6`, s.`contact_name`, s.`contact_phone`, s.`instructions`, MAX(j.`created_at`)
FROM `jobs` j JOIN `job_stops` s ON s.`tenant_id` = j.`tenant_id` AND s.`job_id` = j.`id`
WHERE j.`contact_id` IS NOT NULL
GROUP BY j.`tenant_id`, j.`contact_id`, lower(trim(s.`line1`) || '|' || trim(s.`city`));
