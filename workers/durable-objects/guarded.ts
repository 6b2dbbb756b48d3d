/**
 * What a log line says about the object and the call that failed (`jobId`, `tag`, `role` …);
 * a function when it costs something to gather, as it is only needed on failure.
 */
export type EntryContext = Record<string, unknown> | (() => Record<string, unknown>);

/**
 * Runs a Durable Object entry point so a failure is logged as `Class:handler`, with context,
 * instead of disappearing inside the object. RPC, `fetch` and `alarm` rethrow (the caller
 * answers, the runtime retries an alarm); a WebSocket handler passes its socket, which is
 * closed with 1011 instead, as nobody is waiting on a rethrown error there.
 */
export function guarded<T>(where: string, context: EntryContext, run: () => T | Promise<T>): Promise<T>;
export function guarded(
	where: string,
	context: EntryContext,
	run: () => void | Promise<void>,
	socket: WebSocket,
): Promise<void>;
export async function guarded<T>(
	where: string,
	context: EntryContext,
	run: () => T | Promise<T>,
	socket?: WebSocket,
): Promise<T | undefined> {
	try {
		return await run();
	} catch (err) {
		console.error(where, { ...gather(context), err: describeError(err) });
		if (!socket) throw err;
		try {
			socket.close(1011, "internal error");
		} catch {
			// already closed
		}
		return undefined;
	}
}

/** Context that cannot be gathered (a broken attachment) must not hide the error itself. */
function gather(context: EntryContext): Record<string, unknown> {
	try {
		return typeof context === "function" ? context() : context;
	} catch {
		return {};
	}
}

/** Errors as plain data: an `Error` inside a logged object would print as `{}`. */
function describeError(err: unknown) {
	return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err;
}

/** `webSocketClose`: answers the peer's close with its code (1005, "none given", as 1000). */
export function answerClose(
	where: string,
	context: EntryContext,
	ws: WebSocket,
	code: number,
	reason: string,
) {
	return guarded(
		where,
		context,
		() => {
			try {
				ws.close(code === 1005 ? 1000 : code, reason);
			} catch {
				// already closed
			}
		},
		ws,
	);
}

/** `webSocketError`: the socket's error is the handler's failure — logged, and the socket closed with 1011. */
export function socketFailed(where: string, context: EntryContext, ws: WebSocket, error: unknown) {
	return guarded(
		where,
		context,
		() => {
			throw error;
		},
		ws,
	);
}

/**
 * Resets an object as an eviction would (development only, for `/dev/soak/*`): its sockets drop
 * and the next call starts a fresh instance on the same storage. The call itself fails.
 */
export function abortInDevelopment(ctx: DurableObjectState, env: { ENVIRONMENT?: string }): never {
	if (env.ENVIRONMENT !== "development") throw new Error("evict exists only in development");
	ctx.abort("evicted by the soak probe");
	throw new Error("abort did not end the object");
}
