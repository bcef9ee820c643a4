package dev.tollgate.server.portal;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.keys.ApiKeyCommands;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's API keys: list, create (the key text is in that one response, never again),
 * delete. The family limit and every other refusal come from {@link ApiKeyCommands}.
 */
@Controller
@PortalPage
class PortalKeysController {
  private final ApiKeyCommands keys;

  PortalKeysController(ApiKeyCommands keys) {
    this.keys = keys;
  }

  @GetMapping("/portal/keys")
  String list(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
      @RequestParam(required = false) String deleted, Model model) {
    model.addAttribute("deleted", deleted != null);
    return page(session, model);
  }

  @PostMapping("/portal/keys")
  String create(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
      @RequestParam(required = false) String remark, HttpServletResponse response, Model model) {
    try {
      ApiKeyCommands.Created created = keys.create(session.accountId(), remark == null ? "" : remark);
      model.addAttribute("created", created);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("error", e);
    }
    return page(session, model);
  }

  @PostMapping("/portal/keys/{keyId}/delete")
  String delete(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String keyId) {
    keys.delete(session.accountId(), keyId);
    return "redirect:/portal/keys?deleted";
  }

  private String page(PortalSession session, Model model) {
    model.addAttribute("keys", keys.list(session.accountId(), false));
    model.addAttribute("remarkMax", ApiKeyCommands.REMARK_LENGTH_MAX);
    return "portal/keys";
  }
}
