import { signal } from "@preact/signals";

/** A new version is installed and waits for the person to reload into it. */
export const updateReady = signal(false);
/** The app shell is stored: the next visit opens without a network. */
export const offlineReady = signal(false);

let applyUpdate: (() => Promise<void>) | null = null;

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
		onRegisterError: (err: unknown) => console.error("service worker not registered", { err: String(err) }),
	});
}

/** Activates the waiting version; the page reloads once it controls the page. */
export async function reloadIntoUpdate(): Promise<void> {
	if (applyUpdate) await applyUpdate();
	else window.location.reload();
}
