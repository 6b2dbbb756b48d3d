/**
 * Runs a Durable Object entry point so a failure is logged as `Class:handler` before it
 * propagates, instead of disappearing inside the object.
 */
export async function guarded<T>(where: string, run: () => T | Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (err) {
		console.error(
			where,
			err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err,
		);
		throw err;
	}
}
