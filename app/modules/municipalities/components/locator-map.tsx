/** One municipality's outline on the locator map. */
export interface LocatorShape {
  kasCode: string;
  path: string;
}

/**
 * A small map of Kosovo with one municipality filled in, so a reader sees where it lies. It is a
 * single image (`role="img"`) named by its `<title>`; the neighbouring municipalities are
 * listed as links next to it rather than made clickable here.
 */
export function LocatorMap({
  shapes,
  highlighted,
  width,
  height,
  title,
  titleId,
}: {
  shapes: LocatorShape[];
  highlighted: string;
  width: number;
  height: number;
  title: string;
  titleId: string;
}) {
  const current = shapes.find((shape) => shape.kasCode === highlighted);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      className="block h-auto w-full"
    >
      <title id={titleId}>{title}</title>
      <g fill="#f1f5f9" stroke="#94a3b8" strokeWidth="0.75" strokeLinejoin="round">
        {shapes
          .filter((shape) => shape.kasCode !== highlighted)
          .map((shape) => (
            <path key={shape.kasCode} d={shape.path} vectorEffect="non-scaling-stroke" />
          ))}
      </g>
      {current ? (
        <path
          d={current.path}
          fill="#174b7a"
          stroke="#0f172a"
          strokeWidth="1.5"
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
        />
      ) : null}
    </svg>
  );
}
