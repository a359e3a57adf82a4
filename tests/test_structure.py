"""The shape of the code (docs/architecture.md), read from the source with `ast`:

- no two project modules import each other in a loop, counting imports inside functions too
  (imports under `if TYPE_CHECKING:` are for the type checker only and do not count);
- role checks live in `presscenter.accounts`: no function named like one is defined elsewhere,
  and no module outside it compares a user's role (`Role.<NAME>` outside `accounts`);
- `presscenter.core` is the ground floor: it imports no other project package but the pure
  libraries `text` and `analysis`;
- `presscenter.text` and `presscenter.analysis` import no Django;
- an import inside a function says why in one word (`# noqa: PLC0415 <reason>`); ruff's PLC0415
  (`make lint`) finds those without the comment.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "presscenter"
PURE = ("text", "analysis")  # libraries that import no Django, below every app
IMPORT_REASONS = {"ready", "setup", "optional", "cycle", "heavy"}  # pyproject.toml tells what each means
ROLE_CHECKS = {"is_staff", "is_member_of", "_agency_of", "agency_of"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(ROOT.rglob("*.py")) if "migrations" not in path.parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that runs, at module level or in a function body."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from (imp for child in node.orelse for imp in _runtime_imports(ast.Module(body=[child])))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _runtime_imports(node)


def _resolve(name: str) -> str | None:
    """The project module `name` refers to: itself, or its nearest enclosing package."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imported_names(path: Path) -> set[str]:
    """Everything a file imports, as dotted names (`from a import b` gives `a.b`)."""
    names = set()
    for node in _runtime_imports(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def project_imports(path: Path) -> set[str]:
    targets = {_resolve(name) for name in imported_names(path) if name.startswith("presscenter.")}
    return {target for target in targets if target is not None}


GRAPH = {name: project_imports(path) - {name} for name, path in MODULES.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop as a path [a, b, ..., a], or None (depth-first search, three colours)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_reports_the_loop():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycles():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import loop: " + " -> ".join(cycle or [])


def _in_app(name: str, app: str) -> bool:
    return name == f"presscenter.{app}" or name.startswith(f"presscenter.{app}.")


def _names_a_role(node: ast.expr) -> bool:
    """`Role.EDITOR` (a member, not `Role.values`), a set of roles such as `STAFF_ROLES`, or a tuple,
    list or set holding one."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_a_role(element) for element in node.elts)
    if isinstance(node, ast.Name):
        return node.id.endswith("_ROLES")
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
        and node.attr.isupper()
    )


def test_role_checks_live_in_accounts():
    misplaced = []
    for name, path in MODULES.items():
        if _in_app(name, "accounts"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in ROLE_CHECKS:
                misplaced.append(f"{name}: defines {node.name}()")
            if isinstance(node, ast.Compare) and any(
                _names_a_role(operand) for operand in [node.left, *node.comparators]
            ):
                misplaced.append(f"{name}:{node.lineno}: compares a role")
    assert misplaced == []


@pytest.mark.parametrize("name", sorted(name for name in MODULES if _in_app(name, "core")))
def test_core_imports_no_other_app(name):
    above = {target for target in GRAPH[name] if not any(_in_app(target, app) for app in ("core", *PURE))}
    assert above == set()


@pytest.mark.parametrize("name", sorted(name for name in MODULES if any(_in_app(name, app) for app in PURE)))
def test_text_and_analysis_import_no_django(name):
    names = imported_names(MODULES[name])
    assert {imported for imported in names if imported.split(".")[0] == "django"} == set()


@pytest.mark.parametrize("app", ["accounts", "orgs", "audit"])
def test_apps_below_releases_do_not_import_it(app):
    """Releases builds on who is who (accounts), the organisation tree and the audit log, never the reverse."""
    upward = {target for name in MODULES if _in_app(name, app) for target in GRAPH[name] if _in_app(target, "releases")}
    assert upward == set()


def _nested_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from (child for child in ast.walk(node) if isinstance(child, ast.Import | ast.ImportFrom))


def test_imports_inside_functions_say_why():
    unexplained = []
    for name, path in MODULES.items():
        lines = path.read_text().splitlines()
        for node in _nested_imports(ast.parse("\n".join(lines))):
            comment = lines[node.lineno - 1].partition("PLC0415")[2].split()
            if not comment or comment[0] not in IMPORT_REASONS:
                unexplained.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert unexplained == []
