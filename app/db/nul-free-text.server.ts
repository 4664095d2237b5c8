import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
  type PrimitiveValueListNode,
} from "kysely";

/*
 * PostgreSQL text cannot hold the NUL character: a parameter containing one fails the whole query
 * ("invalid byte sequence for encoding UTF8: 0x00"), and the request with a 500. NUL has no
 * meaning in anything a person types, so it is removed from every string parameter before the
 * query leaves the process, whatever the parameter came from (a search box `?q=%00`, a form field,
 * an API body, a file name). One place, for every query (decision 026).
 */

const NUL = "\u0000";

/** A string without its NUL characters; any other value as it is. */
export function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes(NUL) ? value.replaceAll(NUL, "") : value;
}

/**
 * Whether any string in an operation tree (nodes are plain objects and arrays) holds a NUL. It looks at
 * every string, names and raw SQL too: a NUL anywhere sends the query through the transformer, which
 * changes only parameter values, so looking wider can never change a query.
 */
function holdsNul(node: unknown): boolean {
  if (typeof node === "string") return node.includes(NUL);
  if (typeof node !== "object" || node === null) return false;
  if (Array.isArray(node)) {
    for (const item of node) if (holdsNul(item)) return true;
    return false;
  }
  if (!isPlainObject(node)) return false;
  for (const key in node) if (holdsNul((node as Record<string, unknown>)[key])) return true;
  return false;
}

/** Operation nodes are plain objects; a parameter may be anything (a Date, a Buffer): those are values, not nodes. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

class NulFreeTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = withoutNul(node.value);
    return value === node.value ? super.transformValue(node) : { ...super.transformValue(node), value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const values = node.values.map(withoutNul);
    return { ...super.transformPrimitiveValueList(node), values };
  }
}

/** The Kysely plugin that strips NUL characters from every string parameter of every query. */
export class NulFreeTextPlugin implements KyselyPlugin {
  readonly #transformer = new NulFreeTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // Rebuilding the tree node by node (the transformer copies and freezes every node) cost more than
    // compiling the query; a read of it finds the rare query that has a NUL to remove (decision 072).
    return holdsNul(args.node) ? this.#transformer.transformNode(args.node) : args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
