/** stripe-connect-payment-details: the details of one payment (`payment`) in an overlay; `onClose`. */
import { PaymentDetail } from "../views/payment-detail";
import { DetailOverlayElement } from "./detail-overlay";

export class PaymentDetailsElement extends DetailOverlayElement<PaymentDetail> {
  protected readonly componentKey = "payment_details";
  protected readonly idProp = "payment";
  protected override readonly reloadProps = ["payment"];
  protected readonly titleKey = "paymentDetails";

  protected createDetail(id: string): PaymentDetail {
    return new PaymentDetail(this, id);
  }
}
