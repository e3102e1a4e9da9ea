// One colour per ACLED event type (legend and markers).
export const TYPE_COLORS = {
  "Battles": "#c2452d",
  "Explosions/Remote violence": "#e8912d",
  "Violence against civilians": "#7b2d8e",
  "Protests": "#2d7bc2",
  "Riots": "#2da58e",
  "Strategic developments": "#6b6b6b",
};

export function typeColor(type) {
  return TYPE_COLORS[type] || "#999";
}

// Marker diameter in pixels: grows with the square root of the fatalities.
export function markerSize(fatalities) {
  const n = Number(fatalities) || 0;
  return Math.round(Math.min(40, 12 + 4 * Math.sqrt(n)));
}
