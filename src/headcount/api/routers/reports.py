"""/api/reports: the stored reports, one with its text and claim spans, and POST to add one."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status

from ...errors import Errors, InputError, StoreError
from ...pipeline import ingest
from ...ingest.readers import checked
from ...model import Report, report_identity
from ...store import Store
from ... import views
from ..access import require_token
from ..deps import get_snapshots, get_store
from ..schemas import Problem, ReportDetail, ReportIn, ReportOut, ReportStored
from ..snapshot import NotFound, Snapshots

router = APIRouter(prefix="/api/reports", tags=["reports"])


@router.get("", response_model=list[ReportOut])
def list_reports(all_versions: Annotated[bool, Query(description="Every stored version, not only the newest "
                                                     "of each report.")] = False,
                 store: Store = Depends(get_store), snapshots: Snapshots = Depends(get_snapshots)):
    """The stored reports by publication date, without their text."""
    incident_of = snapshots.current().incident_of_report
    return [views.report(s.report, s.claim_count, incident_of.get(s.report.id), s.stored_at)
            for s in store.reports(all_versions=all_versions)]


@router.get("/{report_id:path}", response_model=ReportDetail,
            responses={404: {"model": Problem, "description": "No such report."}})
def get_report(report_id: str,
               version: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="A stored version; "
                                                    "default: the newest.")] = None,
               store: Store = Depends(get_store), snapshots: Snapshots = Depends(get_snapshots)):
    """One report (its newest version, or the one asked for) with its text and its claims' spans."""
    found = store.report(report_id, version)
    if found is None:
        shown = report_id if version is None else f"{report_id} (version {version})"
        raise NotFound(Errors.E020.format(report=shown))
    summary, claims = _with_claims(found, store, snapshots.current())
    return {**summary, "text": found.text, "claims": claims}


def _with_claims(report: Report, store: Store, snapshot) -> tuple[dict, list[dict]]:
    """The report's summary and its claims, as the API shows them."""
    incident = snapshot.incident_of_report.get(report.id)
    claims = [views.claim(c, incident) for c in store.claims(report_id=report.id, version=report.version)]
    return views.report(report, len(claims), incident), claims


@router.post("", response_model=ReportStored, status_code=status.HTTP_201_CREATED,
             dependencies=[Depends(require_token)],
             responses={200: {"model": ReportStored, "description": "The same text was already stored under "
                              "this identity: nothing changed."},
                        400: {"model": Problem, "description": "The body cannot be read as JSON."},
                        401: {"model": Problem, "description": "The server's token is needed."},
                        413: {"description": "The body is larger than the server's limit (serve --max-body).",
                              "content": {"application/json": {}, "text/plain": {}}},
                        503: {"model": Problem, "description": "The store could not take the report."}})
def post_report(body: ReportIn, request: Request, response: Response, store: Store = Depends(get_store),
                snapshots: Snapshots = Depends(get_snapshots)):
    """Store one report (the Reports format of GUIDELINES.md), extract its claims and group it into an
    incident. A changed text under a known id or URL is stored as the report's next version."""
    report = checked(Report(id=report_identity(body.id, body.url, body.text), text=body.text,
                            published=body.published, outlet=body.outlet, url=body.url,
                            language=body.language or "en", origin="POST /api/reports", incident=body.incident))
    if isinstance(report, InputError):  # the schema's limits are the same: kept for a check added there only
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(report))
    with request.app.state.write_lock:  # one extraction at a time: the spaCy pipeline is shared
        result = ingest([report], store)
    if result.errors:
        raise StoreError(result.errors[0])
    if result.stored:
        request.app.state.alerts.kick()
    else:
        response.status_code = status.HTTP_200_OK
    stored = store.report(report.id, store.stored_version(report))
    if stored is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"{report.id}: stored, then not found")
    # Rebuilt here, so that the accounts dashboards watch are up to date when readers next ask.
    summary, claims = _with_claims(stored, store, snapshots.refresh())
    return {"report": summary, "stored": bool(result.stored), "claims": claims, "warnings": list(report.warnings)}
