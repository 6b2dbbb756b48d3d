-- The inbox's unread count as one row per tenant, moved by triggers in the statement that writes
-- an alert: whoever inserts, marks read or deletes an alert (a flow's batch, the demo data, a
-- tenant moving shards) keeps it right, and the badge reads one row instead of counting.
INSERT INTO `inbox_unread_counts` (`tenant_id`, `unread`)
SELECT `tenant_id`, count(*) FROM `inbox_alerts` WHERE `read_at` IS NULL GROUP BY `tenant_id`
ON CONFLICT (`tenant_id`) DO UPDATE SET `unread` = excluded.`unread`;
--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_insert` AFTER INSERT ON `inbox_alerts`
WHEN NEW.`read_at` IS NULL
BEGIN
	INSERT INTO `inbox_unread_counts` (`tenant_id`, `unread`) VALUES (NEW.`tenant_id`, 1)
	ON CONFLICT (`tenant_id`) DO UPDATE SET `unread` = `unread` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_update` AFTER UPDATE OF `read_at`, `tenant_id` ON `inbox_alerts`
WHEN (OLD.`read_at` IS NULL) <> (NEW.`read_at` IS NULL) OR OLD.`tenant_id` <> NEW.`tenant_id`
BEGIN
	UPDATE `inbox_unread_counts` SET `unread` = `unread` - 1
	WHERE OLD.`read_at` IS NULL AND `tenant_id` = OLD.`tenant_id`;
	INSERT INTO `inbox_unread_counts` (`tenant_id`, `unread`) SELECT NEW.`tenant_id`, 1 WHERE NEW.`read_at` IS NULL
	ON CONFLICT (`tenant_id`) DO UPDATE SET `unread` = `unread` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_alerts_unread_on_delete` AFTER DELETE ON `inbox_alerts`
WHEN OLD.`read_at` IS NULL
BEGIN
	UPDATE `inbox_unread_counts` SET `unread` = `unread` - 1 WHERE `tenant_id` = OLD.`tenant_id`;
END;
--> statement-breakpoint
-- The audit entries written before `target_name` existed: the names their targets have now, as
-- the log showed them until then. Entries about a target that is gone keep the name their data
-- recorded (the page falls back to it).
UPDATE `audit_log` SET `target_name` = CASE `target_type`
	WHEN 'job' THEN (SELECT 'job #' || j.`number` FROM `jobs` j WHERE j.`tenant_id` = `audit_log`.`tenant_id` AND j.`id` = `audit_log`.`target_id`)
	WHEN 'contact' THEN (SELECT c.`name` FROM `contacts` c WHERE c.`tenant_id` = `audit_log`.`tenant_id` AND c.`id` = `audit_log`.`target_id`)
	WHEN 'technician' THEN (SELECT t.`name` FROM `technicians` t WHERE t.`tenant_id` = `audit_log`.`tenant_id` AND t.`id` = `audit_log`.`target_id`)
	WHEN 'staff' THEN (SELECT s.`name` FROM `staff` s WHERE s.`tenant_id` = `audit_log`.`tenant_id` AND s.`id` = `audit_log`.`target_id`)
	WHEN 'account' THEN (SELECT a.`name` FROM `accounts` a WHERE a.`tenant_id` = `audit_log`.`tenant_id` AND a.`id` = `audit_log`.`target_id`)
END
WHERE `target_name` IS NULL AND `target_type` IN ('job', 'contact', 'technician', 'staff', 'account');
