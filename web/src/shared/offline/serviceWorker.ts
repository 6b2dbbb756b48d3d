import { signal } from "@preact/signals";

/** A new version is installed and waits for the person to reload into it. */
export const updateReady = signal(false);
/** The app shell is stored: the next visit opens without a network. */
export const offlineReady = signal(false);

let applyUpdate: (() => Promise<void>) | null = null;
let registered: ServiceWorkerRegistration | undefined;

/** An app left open for days (installed, on a phone) asks for a new version this often… */
const UPDATE_CHECK_EVERY_MS = 60 * 60_000;

/**
 * …and whenever it comes back into view. Browsers look for a new service worker on navigation,
 * which an app that is only ever switched back to may never make.
 */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
	const check = () => {
		if (navigator.onLine === false) return;
		registration.update().catch((err: unknown) => console.warn("update check failed", { err: String(err) }));
	};
	setInterval(check, UPDATE_CHECK_EVERY_MS);
	document.addEventListener("visibilitychange", () => {
		if (document.visibilityState === "visible") check();
	});
}

/** Registers the service worker the build writes (vite-plugin-pwa); a bundled module, as the CSP allows no inline script. */
export async function registerServiceWorker(): Promise<void> {
	if (!("serviceWorker" in navigator)) return;
	const { registerSW } = await import("virtual:pwa-register");
	applyUpdate = registerSW({
		immediate: true,
		onNeedRefresh: () => {
			updateReady.value = true;
		},
		onOfflineReady: () => {
			offlineReady.value = true;
		},
		// The page reloads itself once the new version controls it (reloadIntoUpdate): the plugin
		// would reload only a page that was controlled when it registered, not the first visit's.
		onNeedReload: () => undefined,
		onRegisteredSW: (_url: string, registration: ServiceWorkerRegistration | undefined) => {
			registered = registration;
			if (registration) checkForUpdates(registration);
		},
		onRegisterError: (err: unknown) => console.error("service worker not registered", { err: String(err) }),
	});
}

/**
 * Activates the waiting version and reloads once it controls the page. With none waiting (another
 * tab of the app took the update already) a plain reload loads the new version.
 */
export async function reloadIntoUpdate(): Promise<void> {
	if (!applyUpdate || !registered?.waiting) {
		window.location.reload();
		return;
	}
	navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), {
		once: true,
	});
	await applyUpdate();
}
