/** stripe-connect-account-onboarding: multi-step form over the account's due requirements. */
import { ConnectElement } from "../base-element";
import { str, type Child } from "../dom";
import { collectionOptionsOf, OnboardingFlow } from "../views/onboarding-flow";

export class AccountOnboardingElement extends ConnectElement {
  protected readonly componentKey = "account_onboarding";
  private readonly flow = new OnboardingFlow(
    this,
    () => ({
      collectionOptions: collectionOptionsOf(this.props.collectionOptions),
      skipTos: this.props.skipTermsOfServiceCollection === true,
      externalAccounts: this.feature("external_account_collection"),
      fullTermsOfServiceUrl: str(this.props.fullTermsOfServiceUrl),
      recipientTermsOfServiceUrl: str(this.props.recipientTermsOfServiceUrl),
      privacyPolicyUrl: str(this.props.privacyPolicyUrl),
    }),
    (step) => this.emit("onStepChange", { step }),
    () => {
      this.emit("onExit");
      this.dispatchLegacy("exit");
    },
  );

  protected async load(): Promise<void> {
    await this.flow.load();
  }

  protected clear(): void {
    this.flow.clear();
  }

  protected view(): Child {
    return this.flow.view();
  }
}
