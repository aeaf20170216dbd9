// Okabe–Ito: distinguishable with the common colour-vision deficiencies. Every chart also labels its
// series in a legend and in its table, so colour is never the only cue.
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F7F7F', '#000000'] as const;

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;
