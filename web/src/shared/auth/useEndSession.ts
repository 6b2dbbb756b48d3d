import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { errorText } from "../i18n/errors";
import { type Area, areaHomePath, useSession } from "./session";

/** Signing out here or everywhere, then back to the area's home; what the account bar and menu share. */
export function useEndSession(area: Area, slug: string) {
	const session = useSession(area, slug);
	const { path, route } = useLocation();
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<string>();

	async function endSession(everywhere: boolean) {
		setPending(true);
		setError(undefined);
		try {
			await (everywhere ? session.signOutEverywhere() : session.signOut());
			const home = areaHomePath(area, slug);
			if (path !== home) route(home);
		} catch (err) {
			setError(errorText(err));
		} finally {
			setPending(false);
		}
	}

	return { session, pending, error, endSession };
}
