-- Every tenant that exists when the directory arrives is on shard 0 (the only one there was).
-- Run on every shard, this matters on shard 0 only: the others are new and empty, and their
-- directory table is never read.
INSERT OR IGNORE INTO `shard_directory` (`slug`, `tenant_id`, `shard`, `created_at`)
SELECT `slug`, `id`, 0, `created_at` FROM `tenants`;
