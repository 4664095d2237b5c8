/** The tone of a plan or strategy status tag. */
export function statusTone(status: string): "neutral" | "success" | "warning" {
  return status === "adopted" ? "success" : status === "closed" ? "neutral" : "warning";
}
