/** The flags of the 35 OAS member states, bundled from flag-icons. The list is spelled out because
 * a glob of the whole folder would ship all 270 flags; a state missing here simply shows no flag. */
const FLAG_URLS = import.meta.glob<string>(
  '/node_modules/flag-icons/flags/4x3/{ag,ar,bb,bs,bz,bo,br,ca,cl,co,cr,cu,dm,do,ec,sv,gd,gt,gy,ht,hn,jm,mx,ni,pa,py,pe,kn,lc,vc,sr,tt,us,uy,ve}.svg',
  { query: '?url', import: 'default', eager: true },
);

function flagUrl(iso2: string): string | undefined {
  return FLAG_URLS[`/node_modules/flag-icons/flags/4x3/${iso2.toLowerCase()}.svg`];
}

/** A flag is always shown beside the state's name, so it is decorative: alt="" keeps screen readers
 * from reading the name twice. */
export function Flag({ iso2, size = 'small' }: { iso2: string; size?: 'small' | 'large' }) {
  const url = flagUrl(iso2);
  if (!url) return null;
  const width = size === 'large' ? 96 : 24;
  return (
    <img className={`flag flag--${size}`} src={url} alt="" width={width} height={(width * 3) / 4} loading="lazy" />
  );
}
