// Finds promises the code forgets (decision 0040): an expression statement whose value is a
// promise and is neither awaited nor marked `void`, and a promise used as a condition (always
// true). TypeScript itself accepts both, and after every query became asynchronous either one
// is a write that runs unordered or a check that always passes. Runs the type checker over the
// project; `npm run check:promises` and the test in tests/integration/promises.test.ts call it.
import path from "node:path";
import ts from "typescript";

export type ForgottenPromise = { file: string; line: number; kind: "floating" | "condition" | "callback"; text: string };

const CALLBACK_METHODS = new Set(["forEach", "filter", "some", "every", "find", "findIndex", "findLast", "sort", "toSorted"]);

/** A promise handled where it is made (`.catch(f)`, `.then(f, g)`) or stored. */
function handled(e: ts.Expression): boolean {
  // Stored, not dropped: `cache ??= load()`.
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken].includes(e.operatorToken.kind)) return true;
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const name = e.expression.name.text;
  return name === "catch" || (name === "then" && e.arguments.length === 2);
}

/** Always a promise (not "a promise or nothing", which a condition may test). */
function isAlwaysPromise(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every((t) => isAlwaysPromise(checker, t));
  return isPromiseLike(checker, type);
}

function isPromiseLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((t) => isPromiseLike(checker, t));
  const then = type.getProperty("then");
  if (!then) return false;
  const thenType = checker.getTypeOfSymbol(then);
  return thenType.getCallSignatures().length > 0;
}

export function findForgottenPromises(root = process.cwd(), only?: (file: string) => boolean): ForgottenPromise[] {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const found: ForgottenPromise[] = [];
  for (const source of program.getSourceFiles()) {
    const file = path.relative(root, source.fileName);
    if (source.isDeclarationFile || file.startsWith("node_modules") || file.startsWith("..")) continue;
    if (!/^(app|scripts|tests)\//.test(file) || (only && !only(file))) continue;
    const report = (node: ts.Node, kind: ForgottenPromise["kind"]) =>
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, kind, text: node.getText().slice(0, 120) });
    const visit = (node: ts.Node) => {
      if (ts.isExpressionStatement(node)) {
        const e = node.expression;
        const marked = ts.isVoidExpression(e) || ts.isAwaitExpression(e) || handled(e);
        if (!marked && isPromiseLike(checker, checker.getTypeAtLocation(e))) report(node, "floating");
      }
      const condition =
        ts.isIfStatement(node) || ts.isWhileStatement(node)
          ? node.expression
          : ts.isConditionalExpression(node)
            ? node.condition
            : ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken
            ? node.operand
            : ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
              ? node.left
              : undefined;
      if (condition && isAlwaysPromise(checker, checker.getTypeAtLocation(condition))) report(condition, "condition");
      // A callback whose promise the array method drops (forEach) or reads as true (filter, some, …).
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && CALLBACK_METHODS.has(node.expression.name.text) && node.arguments[0]) {
        const signatures = checker.getTypeAtLocation(node.arguments[0]).getCallSignatures();
        if (signatures.some((sig) => isPromiseLike(checker, sig.getReturnType()))) report(node, "callback");
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findForgottenPromises();
  for (const f of found) console.log(`${f.file}:${f.line} ${f.kind}: ${f.text}`);
  console.log(found.length === 0 ? "No forgotten promise." : `${found.length} forgotten promise(s).`);
  process.exit(found.length === 0 ? 0 : 1);
}
