import { ResolvedTopology } from '../topology/model/types';
import { renderSvg } from './render-svg';
import { topologyDot } from './topology-dot';

export { preloadRenderer, renderSvg } from './render-svg';
export { topologyDot } from './topology-dot';

/** The topology's diagram as SVG text ({@link topologyDot} rendered by {@link renderSvg}). */
export function renderTopologyDiagram(model: ResolvedTopology): Promise<string> {
  return renderSvg(topologyDot(model));
}
