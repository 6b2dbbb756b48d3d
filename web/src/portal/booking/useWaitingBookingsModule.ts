import { useEffect, useState } from "preact/hooks";
import { hasOutbox, outboxChanged } from "../../shared/offline/outboxStorage";

type WaitingBookingsModule = typeof import("./WaitingBookings");

let loaded: WaitingBookingsModule | null = null;

/**
 * The outbox's sender and home list (WaitingBookings.tsx), loaded only once the signed-in person
 * has a booking in the outbox: most never do, so the portal's first load does not carry them.
 * The service worker keeps the chunk, so it loads offline too.
 */
export function useWaitingBookingsModule(
	slug: string,
	contactId: string | null,
): WaitingBookingsModule | null {
	// Reading the signal re-renders the caller whenever an outbox changes.
	outboxChanged.value;
	const wanted = contactId !== null && hasOutbox({ area: "c", slug, personId: contactId });
	const [module, setModule] = useState(loaded);
	useEffect(() => {
		if (!wanted || module) return;
		import("./WaitingBookings")
			.then((m) => {
				loaded = m;
				setModule(m);
			})
			.catch((err: unknown) => console.error("outbox not loaded", { err: String(err) }));
	}, [wanted, module]);
	return wanted ? module : null;
}
