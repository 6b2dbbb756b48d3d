// Opening a live socket the way the apps do, for the benchmark's load processes.

const OPEN_TIMEOUT_MS = 20_000;

/**
 * Opens a socket and resolves once its first message (a relay's snapshot, the board's hello)
 * arrived; `onMessage` hears every message, the first included.
 */
export function openSocket(
	url: string,
	headers: Record<string, string>,
	onMessage?: (data: string) => void,
): Promise<WebSocket> {
	return new Promise<WebSocket>((done, fail) => {
		// Node's WebSocket (undici) takes headers: the relay wants an allowed Origin, the publisher its cookie.
		const ws = new WebSocket(url, { headers } as unknown as string[]);
		const timer = setTimeout(() => fail(new Error(`no first message from ${url}`)), OPEN_TIMEOUT_MS);
		ws.addEventListener("error", () => fail(new Error(`could not open ${url}`)), { once: true });
		ws.addEventListener(
			"message",
			() => {
				clearTimeout(timer);
				done(ws);
			},
			{ once: true },
		);
		if (onMessage) ws.addEventListener("message", (e) => onMessage(String(e.data)));
	});
}
