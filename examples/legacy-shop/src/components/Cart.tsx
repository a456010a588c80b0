import type { CartLine } from "../domain/types";

export function Cart({ lines }: { lines: CartLine[] }) {
  const wrapped = lines.filter((line) => line.giftWrap);
  return (
    <aside>
      {lines.filter((line) => line.qty > 5).length > 0 && <p>Bulk discount applies</p>}
      {wrapped.length > 0 ? <p>Gift wrapping selected</p> : null}
      <ul>
        {lines.map((line) => (
          <li key={line.sku}>{line.sku}</li>
        ))}
      </ul>
    </aside>
  );
}
