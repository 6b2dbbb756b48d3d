import { ArrowLeft } from "lucide";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { t } from "../../../shared/i18n/i18n";
import { ErrorState } from "../../../shared/ui/ErrorState";
import { Icon } from "../../../shared/ui/Icon";
import { PageHeader } from "../../../shared/ui/PageHeader";
import { Skeleton } from "../../../shared/ui/Skeleton";
import { ConsolePage, type ConsoleRouteProps } from "../../ConsolePage";
import { consolePath, queryString } from "../../consoleApi";
import { ImportDone } from "./ImportDone";
import { ImportProgress } from "./ImportProgress";
import { type CustomerImport, commitImport, fetchImport } from "./importApi";
import { MappingStep } from "./MappingStep";
import { PreviewStep } from "./PreviewStep";
import { UploadStep } from "./UploadStep";
import "./customer-import.css";

type Step = "upload" | "mapping" | "preview" | "progress" | "done";

const stepOf = (imp: CustomerImport | null, previewing: boolean): Step =>
	!imp
		? "upload"
		: imp.finishedAt
			? "done"
			: imp.committedAt
				? "progress"
				: previewing
					? "preview"
					: "mapping";

/** How often a running import, or invitations going out, are read again. */
const POLL_MS = { progress: 1000, invites: 5000 };

function Steps({ current }: { current: Step }) {
	const steps: Step[] = ["upload", "mapping", "preview", "progress", "done"];
	const at = steps.indexOf(current);
	return (
		<ol class="import-steps" aria-label={t("import.steps.label")}>
			{steps.map((s, i) => (
				<li
					key={s}
					class={i < at ? "is-done" : i === at ? "is-current" : ""}
					aria-current={i === at ? "step" : undefined}
				>
					<span class="import-step-number">{i + 1}</span>
					{t("import.step", { step: s })}
				</li>
			))}
		</ol>
	);
}

function Importer({ slug, id }: { slug: string; id: string | undefined }) {
	const { route } = useLocation();
	const [imp, setImp] = useState<CustomerImport | null>(null);
	const [loadError, setLoadError] = useState<string>();
	const [previewing, setPreviewing] = useState(false);
	const [importing, setImporting] = useState(false);
	const step = stepOf(id ? imp : null, previewing);

	useEffect(() => {
		setPreviewing(false);
		if (!id) return setImp(null);
		if (imp?.id === id) return;
		fetchImport(slug, id).then(setImp, (err: unknown) =>
			setLoadError(err instanceof Error ? err.message : String(err)),
		);
	}, [slug, id, imp?.id]);

	const polling = step === "progress" || (step === "done" && (imp?.invites.queued ?? 0) > 0);
	useEffect(() => {
		if (!polling || !imp) return;
		const timer = setInterval(
			() => void fetchImport(slug, imp.id).then(setImp, () => undefined),
			step === "progress" ? POLL_MS.progress : POLL_MS.invites,
		);
		return () => clearInterval(timer);
	}, [polling, step, slug, imp?.id]);

	async function startImport() {
		if (!imp) return;
		setImporting(true);
		try {
			setImp(await commitImport(slug, imp.id));
		} catch (err) {
			setLoadError(err instanceof Error ? err.message : String(err));
		} finally {
			setImporting(false);
		}
	}

	if (loadError)
		return (
			<ErrorState title={t("import.loadFailed")} message={loadError} onRetry={() => location.reload()} />
		);
	if (id && !imp) return <Skeleton height="16rem" />;
	return (
		<>
			<Steps current={step} />
			{step === "upload" ? (
				<UploadStep
					slug={slug}
					onUploaded={(uploaded) => {
						setImp(uploaded);
						route(consolePath(slug, `/customers/import${queryString({ id: uploaded.id })}`));
					}}
				/>
			) : null}
			{step === "mapping" && imp ? (
				<MappingStep
					slug={slug}
					upload={imp}
					onMapped={(mapped) => {
						setImp(mapped);
						setPreviewing(true);
					}}
				/>
			) : null}
			{step === "preview" && imp ? (
				<PreviewStep
					slug={slug}
					mapped={imp}
					onBack={() => setPreviewing(false)}
					onImport={() => void startImport()}
					importing={importing}
				/>
			) : null}
			{step === "progress" && imp ? <ImportProgress running={imp} /> : null}
			{step === "done" && imp ? <ImportDone slug={slug} done={imp} onChanged={setImp} /> : null}
		</>
	);
}

/** `/d/:slug/customers/import`: customers from a CSV or Excel file, then invitations to the portal. */
export function ImportPage({ slug, branding, query }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title={t("import.title")}>
			{() => (
				<>
					<PageHeader
						title={t("import.title")}
						description={t("import.description")}
						back={
							<a class="link-target back-link" href={consolePath(slug, "/customers")}>
								<Icon icon={ArrowLeft} size={16} />
								{t("import.back")}
							</a>
						}
					/>
					<Importer slug={slug} id={query?.id} />
				</>
			)}
		</ConsolePage>
	);
}
