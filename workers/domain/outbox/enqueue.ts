/**
 * The part the notification and webhook pipelines share: rows recorded in a change's batch are
 * handed to their queue after the answer and stamped `enqueued_at` (notifications after the send,
 * by the ids their request recorded; webhook deliveries as they are written, found after the
 * answer by their events' key ranges); the cron's sweep hands on any whose hand-off never
 * happened (the isolate died) or was lost. Each pipeline keeps its own claim (what makes a message seen twice send once) and its own
 * retry schedule.
 */

/** The most messages one `sendBatch` takes. */
export const QUEUE_BATCH_LIMIT = 100;

/** The producer side of a queue, as much of it as the hand-off uses. */
export type Producer<Body> = Pick<Queue<Body>, "sendBatch">;

/**
 * Hands `rows` to the queue, `QUEUE_BATCH_LIMIT` at a time, and stamps each chunk enqueued (`stamp`)
 * once it is on the queue, so neither the sweep nor a second hand-off repeats it at once. Answers
 * how many went.
 */
export async function enqueueStamped<Row extends { id: string }, Body>(
	queue: Producer<Body>,
	rows: readonly Row[],
	body: (row: Row) => Body,
	stamp: (ids: string[]) => Promise<unknown>,
): Promise<number> {
	for (let i = 0; i < rows.length; i += QUEUE_BATCH_LIMIT) {
		const chunk = rows.slice(i, i + QUEUE_BATCH_LIMIT);
		await enqueueClaimed(queue, chunk, body);
		await stamp(chunk.map((row) => row.id));
	}
	return rows.length;
}

/**
 * Hands rows already claimed (stamped `enqueued_at` in the statement that selected them) to the
 * queue, `QUEUE_BATCH_LIMIT` at a time. Answers how many went.
 */
export async function enqueueClaimed<Row, Body>(
	queue: Producer<Body>,
	rows: readonly Row[],
	body: (row: Row) => Body,
): Promise<number> {
	for (let i = 0; i < rows.length; i += QUEUE_BATCH_LIMIT) {
		await queue.sendBatch(rows.slice(i, i + QUEUE_BATCH_LIMIT).map((row) => ({ body: body(row) })));
	}
	return rows.length;
}

/**
 * One sweep: what `due` finds (recorded or last handed on before `now - afterMs`, and not done)
 * goes to the queue again; the pipeline's claim makes a late duplicate harmless.
 */
export async function sweepStale<Row extends { id: string }>(
	now: number,
	afterMs: number,
	due: (before: number) => Promise<Row[]>,
	enqueue: (rows: Row[]) => Promise<number>,
): Promise<number> {
	const rows = await due(now - afterMs);
	return rows.length ? enqueue(rows) : 0;
}
