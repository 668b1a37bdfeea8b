/** stripe-connect-payout-details: one payout (`payout`) in an overlay; `onClose`. */
import { PayoutDetail } from "../views/money";
import { DetailOverlayElement } from "./detail-overlay";

export class PayoutDetailsElement extends DetailOverlayElement<PayoutDetail> {
  protected readonly componentKey = "payout_details";
  protected readonly idProp = "payout";
  protected override readonly reloadProps = ["payout"];
  protected readonly titleKey = "payoutDetails";

  protected createDetail(id: string): PayoutDetail {
    return new PayoutDetail(this, id);
  }
}
