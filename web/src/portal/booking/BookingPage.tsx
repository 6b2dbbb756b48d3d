import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { errorText } from "../../shared/i18n/errors";
import { t } from "../../shared/i18n/i18n";
import { Skeleton, SkeletonBlock } from "../../shared/ui/Skeleton";
import {
	bookLabel,
	canBook,
	fetchJob,
	fetchPlaces,
	type JobDetail,
	type JobKind,
	portalPath,
} from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { BookingForm } from "./BookingForm";
import { draftFromJob, newDraft, placeChoices } from "./bookingDraft";
import { loadBooking, type StoredBooking } from "./bookingStore";
import { WaitingBookingView } from "./WaitingBookingView";
import "./booking.css";

type Ready = {
	status: "ready";
	initial: StoredBooking;
	restored: boolean;
	choices: ReturnType<typeof placeChoices>;
	placesFailed: boolean;
};
type LoadState = { status: "loading" } | Ready | { status: "error"; message: string; jobMissing: boolean };

type LoaderProps = {
	slug: string;
	branding: Branding;
	me: Me;
	from?: string;
	kind?: string;
	/** The server refused this booking when it was sent from the outbox: shown with the form. */
	refusal?: ApiError;
};

/** The kind to book: the job's being booked again, else the one asked for, else the tenant's first. */
function kindToBook(kinds: JobKind[], ...wanted: Array<string | undefined>): JobKind | undefined {
	return kinds.find((k) => wanted.includes(k)) ?? kinds[0];
}

/**
 * The form's starting point: the booking this tab was in the middle of (same key, so a resubmit
 * cannot book twice), or a new one — from a past job for "Book again" — with a new key.
 */
function useBookingStart({ slug, branding, me, from, kind }: LoaderProps): LoadState {
	const [state, setState] = useState<LoadState>({ status: "loading" });
	useEffect(() => {
		let live = true;
		const kinds = branding.jobKinds;
		const stored = loadBooking({ slug, contactId: me.id });
		const resume =
			stored && kinds.includes(stored.draft.kind) && (from ? stored.from === from : true) ? stored : null;
		const job: Promise<JobDetail | null> = resume || !from ? Promise.resolve(null) : fetchJob(slug, from);
		setState({ status: "loading" });
		Promise.all([fetchPlaces(slug).catch(() => null), job])
			.then(([places, job]) => {
				if (!live) return;
				const choices = places ? placeChoices(places) : [];
				const start = { choices, placesFailed: places === null };
				if (resume) {
					setState({ status: "ready", initial: resume, restored: true, ...start });
					return;
				}
				const bookKind = kindToBook(kinds, job?.kind, kind);
				if (!bookKind) {
					setState({ status: "error", message: t("portal.booking.unavailable"), jobMissing: false });
					return;
				}
				const now = Date.now();
				const draft = job
					? draftFromJob(job, bookKind, choices, branding.timezone, now)
					: newDraft(bookKind, branding.timezone, now);
				const initial = { key: crypto.randomUUID(), from: from ?? null, attempted: false, draft };
				setState({ status: "ready", initial, restored: false, ...start });
			})
			.catch((err: unknown) => {
				if (!live) return;
				const jobMissing = err instanceof ApiError && err.status === 404;
				const message = jobMissing ? t("portal.booking.jobMissing") : errorText(err);
				setState({ status: "error", message, jobMissing });
			});
		return () => {
			live = false;
		};
	}, [slug, me.id, from, kind, branding]);
	return state;
}

/** The form's shape while the saved addresses load: its heading, then the first stop's fields. */
function BookingSkeleton({ heading }: { heading: string }) {
	return (
		<div class="booking-form">
			<h1>{heading}</h1>
			<SkeletonBlock label={t("page.loading")} class="booking-section">
				<Skeleton width="5rem" height="1.5rem" />
				{["address", "line2", "city", "region"].map((field) => (
					<div key={field} class="field">
						<Skeleton width="9rem" />
						<Skeleton height="44px" />
					</div>
				))}
			</SkeletonBlock>
		</div>
	);
}

function BookingStart(props: LoaderProps) {
	const { slug, branding, me } = props;
	const state = useBookingStart(props);
	const heading =
		branding.jobKinds.length === 1 && branding.jobKinds[0]
			? bookLabel(branding.jobKinds[0]).heading
			: t("portal.booking.heading");
	if (!canBook(me.role)) {
		return (
			<>
				<h1>{heading}</h1>
				<p class="notice">{t("portal.booking.cannotBook")}</p>
			</>
		);
	}
	if (state.status === "loading") return <BookingSkeleton heading={heading} />;
	if (state.status === "error") {
		return (
			<>
				<h1>{heading}</h1>
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
				<p>
					<a class="link-target" href={portalPath(slug, state.jobMissing ? "/book" : "/jobs")}>
						{state.jobMissing ? t("portal.booking.startNew") : t("portal.job.back")}
					</a>
				</p>
			</>
		);
	}
	return (
		<BookingForm
			slug={slug}
			contactId={me.id}
			timeZone={branding.timezone}
			kinds={branding.jobKinds}
			initial={state.initial}
			choices={state.choices}
			restored={state.restored}
			placesFailed={state.placesFailed}
			refusal={props.refusal}
		/>
	);
}

/**
 * `/c/:slug/book`, `?from=<jobId>` to book a job again, `?kind=` to choose the kind,
 * `?waiting=<id>` for a booking made offline that waits to be sent.
 */
export function BookingPage({ slug, branding, query = {} }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => {
				const start = (refusal?: ApiError) => (
					<BookingStart
						slug={slug}
						branding={branding}
						me={me}
						from={query.from}
						kind={query.kind}
						refusal={refusal}
					/>
				);
				if (!query.waiting) return start();
				return <WaitingBookingView slug={slug} branding={branding} me={me} id={query.waiting} form={start} />;
			}}
		</PortalPage>
	);
}
