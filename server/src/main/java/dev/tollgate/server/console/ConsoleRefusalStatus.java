package dev.tollgate.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A console form the services refused is shown again with its error and the input kept; it is
 * answered 422, not 200, so that nothing downstream (the audit log records successful changes
 * only) mistakes a refused change for a made one. Errors are the model's {@code error} or
 * {@code …Error} attributes, as every console page names them.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRefusalStatus implements WebMvcConfigurer, HandlerInterceptor {
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/console/**");
  }

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
    if (view == null || "GET".equals(request.getMethod()) || response.getStatus() != HttpServletResponse.SC_OK) {
      return;
    }
    if (refused(view.getModel())) {
      response.setStatus(422);
    }
  }

  static boolean refused(Map<String, Object> model) {
    return model.entrySet().stream()
        .anyMatch(e -> e.getValue() != null && (e.getKey().equals("error") || e.getKey().endsWith("Error")));
  }
}
