/**
 * What an isolate remembers of the directory: at most `capacity` answers, each for `ttlMs` (so
 * a tenant moved to another shard is found there within that time), the least recently used
 * dropped first. Only answers found in the directory are kept: a slug not found may be a
 * sign-up another isolate is writing this moment.
 */
export class DirectoryCache {
	private readonly entries = new Map<string, { shard: number; until: number }>();

	constructor(
		readonly capacity = 2_000,
		readonly ttlMs = 60_000,
	) {}

	get(key: string, now = Date.now()): number | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.until <= now) return undefined;
		// Re-inserted, so the Map's order is the order of use.
		this.entries.set(key, entry);
		return entry.shard;
	}

	set(key: string, shard: number, now = Date.now()): void {
		this.entries.delete(key);
		this.entries.set(key, { shard, until: now + this.ttlMs });
		while (this.entries.size > this.capacity) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.entries.delete(oldest);
		}
	}

	forget(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}
