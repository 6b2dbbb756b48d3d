import { type Signal, signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { z } from "zod";
import type { MeSchema } from "../../../../workers/contracts/openapi";
import { ApiError, apiFetch, dropEarlyReads } from "../api";
import { choiceOnThisDevice, type Locale, setPreferredLocale } from "../i18n/i18n";
import { forgetOutboxes } from "../offline/outboxStorage";
import { forgetSavedAnswers } from "../offline/savedAnswers";

/** Which app a session belongs to: `c` customer portal, `d` dispatch console, `t` technician app. */
export type Area = "c" | "d" | "t";

/** The signed-in person, as `GET /api/{area}/:slug/me` answers. */
export type Me = z.infer<typeof MeSchema>;

export type SessionState =
	| { status: "loading" }
	/** `byUser`: the person just signed out here, so the sign-in form may take focus. */
	| { status: "signed-out"; byUser: boolean }
	| { status: "signed-in"; me: Me }
	| { status: "error"; message: string };

/** `/api/{area}/{slug}/{endpoint}` */
function authApiPath(area: Area, slug: string, endpoint: string): string {
	return `/api/${area}/${encodeURIComponent(slug)}/${endpoint}`;
}

/** The page a person lands on after signing in: `/{area}/{slug}`. */
export function areaHomePath(area: Area, slug: string): string {
	return `/${area}/${encodeURIComponent(slug)}`;
}

/** POST a JSON body to an auth endpoint. */
export function postAuth<T>(area: Area, slug: string, endpoint: string, body: object = {}): Promise<T> {
	return apiFetch<T>(authApiPath(area, slug, endpoint), { method: "POST", body: JSON.stringify(body) });
}

type SessionStore = { state: Signal<SessionState>; loaded: boolean; generation: number };

// One store per area and tenant, so the header and the pages share one `GET /me`.
const stores = new Map<string, SessionStore>();

function storeFor(area: Area, slug: string): SessionStore {
	const key = `${area}/${slug}`;
	let store = stores.get(key);
	if (!store) {
		store = { state: signal<SessionState>({ status: "loading" }), loaded: false, generation: 0 };
		stores.set(key, store);
	}
	return store;
}

/** A 401 (not signed in) or 403 (a session for another area) both mean: show the sign-in form. */
const isSignedOutAnswer = (err: unknown) =>
	err instanceof ApiError && (err.status === 401 || err.status === 403);

async function refresh(area: Area, slug: string): Promise<void> {
	const store = storeFor(area, slug);
	const generation = ++store.generation;
	store.loaded = true;
	if (store.state.value.status === "error") store.state.value = { status: "loading" };
	try {
		const me = await apiFetch<Me>(authApiPath(area, slug, "me"));
		if (generation === store.generation) showSignedIn(store, me);
	} catch (err) {
		if (generation !== store.generation) return;
		if (isSignedOutAnswer(err)) void forgetOffline(area, slug);
		store.state.value = isSignedOutAnswer(err)
			? { status: "signed-out", byUser: false }
			: { status: "error", message: err instanceof Error ? err.message : String(err) };
	}
}

/**
 * A signed-out device keeps nothing of the person for offline use: not the answers last seen,
 * not what waited to be sent (a booking, status moves) — the next person must not see it.
 */
function forgetOffline(area: Area, slug: string): Promise<void> {
	forgetOutboxes(area, slug);
	return forgetSavedAnswers();
}

function showSignedIn(store: SessionStore, me: Me): void {
	store.state.value = { status: "signed-in", me };
	setPreferredLocale(me.locale);
}

function setSignedIn(area: Area, slug: string, me: Me): void {
	const store = storeFor(area, slug);
	dropEarlyReads();
	store.generation++; // a `GET /me` still in flight must not overwrite this
	store.loaded = true;
	// A language picked on the sign-in screen becomes the person's choice, for every device and email.
	const picked = choiceOnThisDevice();
	showSignedIn(store, picked && picked !== me.locale ? { ...me, locale: picked } : me);
	if (picked && picked !== me.locale)
		void saveLocale(area, slug, picked).catch((err: unknown) =>
			console.error("language not saved", { err: String(err) }),
		);
}

/** Stores the signed-in person's language (`PUT /me/locale`) and shows it; throws ApiError on failure. */
async function saveLocale(area: Area, slug: string, locale: Locale): Promise<void> {
	const me = await apiFetch<Me>(authApiPath(area, slug, "me/locale"), {
		method: "PUT",
		body: JSON.stringify({ locale }),
	});
	const store = storeFor(area, slug);
	if (store.state.value.status === "signed-in") showSignedIn(store, me);
}

/** Ends this session, or with `everywhere` every session of this person; throws ApiError on failure. */
async function signOut(area: Area, slug: string, everywhere: boolean): Promise<void> {
	try {
		await postAuth<void>(area, slug, everywhere ? "auth/logout-everywhere" : "auth/logout");
	} catch (err) {
		if (!isSignedOutAnswer(err)) throw err;
	}
	await forgetOffline(area, slug);
	dropEarlyReads();
	const store = storeFor(area, slug);
	store.generation++;
	store.state.value = { status: "signed-out", byUser: true };
	setPreferredLocale(null);
}

export type Session = {
	state: SessionState;
	refresh: () => Promise<void>;
	signedIn: (me: Me) => void;
	signOut: () => Promise<void>;
	signOutEverywhere: () => Promise<void>;
	saveLocale: (locale: Locale) => Promise<void>;
};

/** The session for one area of one tenant: loads `GET /me` once, shared by every component using it. */
export function useSession(area: Area, slug: string): Session {
	const store = storeFor(area, slug);
	useEffect(() => {
		if (!storeFor(area, slug).loaded) void refresh(area, slug);
	}, [area, slug]);
	return {
		// Reading `.value` during render subscribes the component to changes.
		state: store.state.value,
		refresh: () => refresh(area, slug),
		signedIn: (me) => setSignedIn(area, slug, me),
		signOut: () => signOut(area, slug, false),
		signOutEverywhere: () => signOut(area, slug, true),
		saveLocale: (locale) => saveLocale(area, slug, locale),
	};
}
