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

function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes(NUL) ? value.replaceAll(NUL, "") : value;
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
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
