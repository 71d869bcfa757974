"""Command line: a thin click layer over the library.

Library errors (:class:`ycgraph.errors.YcgraphError`) become clean one-line
CLI errors here and nowhere else.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path


import click

from .version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ycgraph")
def main() -> None:
    """Build knowledge graphs from Chinese regional-policy news articles."""


# --- SPARQL: query, serve, push (ycgraph.sparql) ---------------------------------


class _CliErrors:
    """Context manager: library errors become one-line click errors (no traceback)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, err: BaseException | None, tb: object) -> bool:
        from .errors import YcgraphError

        if isinstance(err, YcgraphError):
            raise click.ClickException(str(err)) from None
        return False


def _data_argument(func):  # type: ignore[no-untyped-def]
    """Shared DATA argument: a build directory (or one RDF file)."""
    return click.argument("data", type=click.Path(exists=True, path_type=Path))(func)


@main.command()
@click.argument("query_or_file")
@click.option(
    "--data", "-d", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
    help="Build directory (uses graph.trig, else graph.nq, if not older than graph.ttl; else graph.ttl) "
    "or an RDF file.",
)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
    show_default=True, help="table: aligned text; csv/tsv/json: the W3C SPARQL 1.1 result formats.",
)
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE before evaluation (repeatable). VALUE: <iri>, an N-Triples literal "
    "(\"…\"@en, \"…\"^^<…>), a number (xsd:integer/decimal), or text (bound as \"text\"@zh).",
)
def query(query_or_file: str, data: Path, fmt: str, params: tuple[str, ...]) -> None:
    """Run a SPARQL 1.1 query over a build, embedded, with no server.

    QUERY_OR_FILE is the query text or a .rq file (see queries/). The common
    prefixes (ycg ycr nif rdf rdfs skos prov dcterms foaf schema xsd) need no
    PREFIX line; the default graph is the union of all graphs. Queries over
    64 KiB, nested over 200 deep or chaining over 500 UNIONs (1,000
    operators) are refused: the engine would overflow its stack.

    \b
    Examples:
      ycgraph query queries/officials.rq --data output/
      ycgraph query queries/division-targets.rq -p division=宜都市 -f csv
      ycgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from .sparql import engine, guard, results

    with _CliErrors():
        source, text = engine.read_query(query_or_file)
        try:  # refuse a query the engine would crash on before spending time on loading
            guard.check_query(text, allow_service=True)
        except guard.QueryRefused as err:
            raise guard.QueryRefused(f"{source}: {err}") from None
        bindings = dict(engine.parse_param(p) for p in params)
        store = engine.load_data(data, warn=lambda message: click.echo(f"warning: {message}", err=True))
        out = results.render(engine.run_query(store, text, source=source, params=bindings), fmt)
    click.echo(out, nl=not out.endswith("\n"))


@main.command()
@_data_argument
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (keep 127.0.0.1 unless you mean to share it); requests must name it, "
                   "127.0.0.1, localhost or [::1] in their Host header.")
def serve(data: Path, port: int, host: str) -> None:
    """Serve a build as a local read-only SPARQL endpoint (Oxigraph server behind a guard).

    Loads DATA (a build directory or RDF file) into a temporary Oxigraph store
    and serves it until Ctrl-C: SPARQL 1.1 Protocol at http://HOST:PORT/query,
    the YASGUI editor at http://HOST:PORT/. Refused with a 4xx answer: another
    Host header (DNS rebinding), updates and other paths, SERVICE, and queries
    over 64 KiB, nested over 200 deep or chaining over 500 UNIONs (1,000
    operators).
    """
    from .sparql import serve as serving

    with _CliErrors():
        serving.run_server(data, host, port, announce=lambda message: click.echo(message, err=True),
                           warn=lambda message: click.echo(f"warning: {message}", err=True))


@main.command()
@_data_argument
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL: Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, "
              "Virtuoso http://HOST:8890/sparql-graph-crud-auth.")
@click.option("--user", help="User name (HTTP basic auth, or digest with --digest).")
@click.option("--password", envvar="YCGRAPH_PASSWORD", help="Password (or set YCGRAPH_PASSWORD).")
@click.option("--digest", is_flag=True, help="Use HTTP digest auth (Virtuoso) instead of basic.")
@click.option("--token", envvar="YCGRAPH_TOKEN", help="Bearer token (or set YCGRAPH_TOKEN).")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for each graph.")
@click.option("--query-endpoint", metavar="URL",
              help="SPARQL endpoint of the same store: after pushing, drop the graphs of earlier versions of the "
                   "pushed articles (a graph named after one article whose ycg:sourceFile is exactly a pushed "
                   "article's, text changed); each DELETE is printed.")
def push(data: Path, endpoint: str, user: str | None, password: str | None, digest: bool,
         token: str | None, timeout: float, query_endpoint: str | None) -> None:
    """Push a build to a triple store, one named graph per article.

    Each article's graph is sent as HTTP PUT ENDPOINT?graph=<article IRI>
    (SPARQL 1.1 Graph Store Protocol), which replaces that graph: pushing
    twice changes nothing, re-pushing a rebuilt article replaces only it.
    An article whose text changed has a new IRI; with --query-endpoint the
    graph of its earlier version (same ycg:sourceFile, compared whole) is
    dropped, and nothing else.
    """
    import requests.auth

    from .sparql import push as pushing
    from .sparql.engine import display_name

    if (user is None) != (password is None):
        raise click.UsageError("--user and --password go together")
    if user is not None and token is not None:
        raise click.UsageError("use --user/--password or --token, not both")
    auth = None
    if user is not None and password is not None:
        auth = requests.auth.HTTPDigestAuth(user, password) if digest else requests.auth.HTTPBasicAuth(user, password)

    def landed(graph: pushing.ArticleGraph) -> None:
        click.echo(f"PUT <{graph.iri}> {graph.triples} triples")

    def dropped(iri: str, source: str) -> None:
        click.echo(f"DELETE <{iri}> (an earlier version of {display_name(source)})")

    with _CliErrors():
        graphs = pushing.article_graphs(data, warn=lambda message: click.echo(f"warning: {message}", err=True))
        pushing.push_graphs(graphs, endpoint, auth=auth, token=token, timeout=timeout, on_landed=landed)
        if query_endpoint:
            plan = pushing.prune_stale(graphs, endpoint, query_endpoint, auth=auth, token=token, timeout=timeout,
                                       on_dropped=dropped)
            for iri, why in plan.kept:
                click.echo(f"kept <{iri}>: {why}", err=True)
    click.echo(f"pushed {len(graphs)} graph{'s' if len(graphs) != 1 else ''} to {endpoint}", err=True)


@main.command()
def ontology() -> None:
    """Print where the installed package's ontology files are.

    One path a line: ycgraph.ttl (the vocabulary), shapes.ttl (the SHACL
    shapes every build is checked against) and context.jsonld (the JSON-LD
    context of graph.jsonld).
    """
    from .rdf.resources import ONTOLOGY_FILES, ontology_path

    with _CliErrors():
        for name in ONTOLOGY_FILES:
            click.echo(ontology_path(name))


FORMAT_CHOICES = ("ttl", "trig", "nq", "jsonld")
MAX_ARTICLE_MB = 4.0  # ycgraph.text.reader.MAX_ARTICLE_BYTES, without importing the library at start-up


def _formats(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for value in values:
        for f in value.split(","):
            f = f.strip().lower()
            if f not in FORMAT_CHOICES:
                raise click.BadParameter(f"{f!r} is not one of {', '.join(FORMAT_CHOICES)}")
            out.append(f)
    return tuple(dict.fromkeys(["ttl", *out]))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder the graph and its views are written to.")
@click.option("--dict", "dict_files", multiple=True, type=click.Path(),
              help="User dictionary: lines NAME<TAB>KIND (enterprise, project, slogan). Repeatable.")
@click.option("-f", "--format", "formats", multiple=True, callback=_formats,
              help="Extra exports besides graph.ttl: trig, nq, jsonld (comma-separated or repeated).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the output.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Extract in this many processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Extract on a Dask distributed cluster (tcp://host:8786).")
@click.option("--no-cache", is_flag=True, help="Re-extract every article (ignore and do not fill OUTPUT/.cache).")
@click.option("--stream", is_flag=True,
              help="Corpus scale: only graph.ttl (no alignment, exports, validation or views).")
@click.option("--max-article-mb", default=MAX_ARTICLE_MB, show_default=True, type=click.FloatRange(0.001, 1024),
              help="Refuse article files larger than this many MiB.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def build(inputs: tuple[str, ...], out_dir: str, dict_files: tuple[str, ...], formats: tuple[str, ...],
          no_validate: bool, jobs: int, scheduler: str | None, no_cache: bool, stream: bool, max_article_mb: float,
          progress: bool | None) -> None:
    """Build the knowledge graph of INPUTS.

    INPUTS are article files (.txt, .md, .html; UTF-8, GB18030 or UTF-16
    with a BOM), folders of them (searched recursively; build output
    folders are skipped) and glob patterns.

    Writes OUTPUT/graph.ttl and the other outputs named in the README, all
    together. A file that cannot be read, or an article that trips a bug,
    is reported on one line naming it and the problem; the others still
    build, and the exit code is 1.
    """
    from .builder import BuildOptions, build as run_build
    from .builder.runners import collect_less
    from .gazetteer.userdict import UserDictionary

    collect_less()

    if progress is None:
        progress = sys.stderr.isatty()
    if stream and [f for f in formats if f != "ttl"]:
        raise click.UsageError("--stream writes graph.ttl only: drop -f, or build without --stream")

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with _CliErrors():
            dictionary = UserDictionary()
            for f in dict_files:
                dictionary = dictionary.merged(UserDictionary.load(f))
            options = BuildOptions(dictionary, jobs=jobs, scheduler=scheduler, cache=not no_cache, progress=progress,
                                   stream=stream, formats=tuple(f for f in formats if f != "ttl"),
                                   validate=not no_validate, max_article_bytes=int(max_article_mb * 2**20))
            result = run_build(list(inputs), out_dir, options)
    except KeyboardInterrupt:
        click.echo(f"interrupted: {out_dir} left as the last finished build left it", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for failure in result.failures:
        click.echo(f"error: {failure}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    report = result.validation
    if report is not None:
        # Say what was checked, sampled or skipped, whether it conforms or not.
        checked = f"{len(report.checked)} graph{'s' if len(report.checked) != 1 else ''} checked" + (
            f", {len(report.skipped)} articles not in the sample" if report.skipped else "")
        if report.conforms:
            click.echo(f"validated {out_dir}/graph.ttl against the ontology's shapes ({report.engine}): conforms; "
                       f"{checked}", err=True)
        else:
            click.echo(f"warning: {out_dir}/graph.ttl does not conform to the ontology's shapes (ycgraph ontology; "
                       f"{checked}):\n{report.text}", err=True)
    for path in result.written:
        click.echo(f"wrote {path}", err=True)
    for path in result.removed:
        click.echo(f"removed {path} (an earlier build's output this build does not make)", err=True)
    click.echo(result.summary(), err=True)
    if result.failures or not result.articles:
        sys.exit(1)


def run() -> None:
    """The ``ycgraph`` command: :func:`main`, then an exit without Python's teardown.

    A build leaves millions of objects behind (jieba's dictionary, the gazetteers, the network)
    that the interpreter would free one by one on its way out: half a second after the work is
    done and every output published. The command's streams are flushed, its logging shut down,
    and the process ends with the command's exit code. (A library caller, or ``main`` invoked in
    a test, keeps the usual exit.)
    """
    import logging
    import os

    try:
        main.main(prog_name="ycgraph")
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:  # (a message, as sys.exit("...") gives)
            click.echo(done.code, err=True)
            code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (ycgraph query ... | head): nothing more to say
    os._exit(code)
