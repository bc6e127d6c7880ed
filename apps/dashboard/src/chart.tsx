import { useEffect, useRef } from 'preact/hooks';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces drawn here, so the first load stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/**
 * A horizontal bar chart of figures the page also shows as text (the chart is a picture of the table
 * beside it, so it is hidden from screen readers).
 */
export function BarsChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: {},
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label) },
      series: [{ type: 'bar', name: title, data: bars.map((b) => b.value), itemStyle: { color: '#1f5fbf' } }],
    });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, title]);
  return <div class="chart" ref={host} aria-hidden="true" style={{ height: `${40 + bars.length * 32}px` }} />;
}
